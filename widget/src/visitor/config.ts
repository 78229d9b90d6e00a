/** What a config.json gives the element. */
interface SiteConfig {
  websocketUrl?: unknown;
  publicApiUrl?: unknown;
}

/**
 * Where the element connects and what it asks: its `endpoint`, else the `websocketUrl` of
 * its `config` (a config.json, fetched once, again after a failure), whose `publicApiUrl`
 * also answers team.json and resume.
 */
export class ConfigSource {
  readonly #host: { endpoint: string; config: string };
  #promise: Promise<SiteConfig> | undefined;
  #warned = false;

  constructor(host: { endpoint: string; config: string }) {
    this.#host = host;
  }

  /** The WebSocket endpoint, for the client (which retries with backoff when this throws). */
  async endpoint(): Promise<string> {
    const host = this.#host;
    if (host.endpoint) return host.endpoint;
    try {
      if (!host.config) throw new Error('<support-chat> needs an endpoint or a config attribute');
      const { websocketUrl } = await this.#config();
      if (typeof websocketUrl !== 'string') throw new Error(`${host.config} has no websocketUrl`);
      return websocketUrl;
    } catch (error) {
      // The client retries with backoff; say once why it cannot connect.
      if (!this.#warned) console.warn('<support-chat>:', error instanceof Error ? error.message : error);
      this.#warned = true;
      throw error;
    }
  }

  /** The public HTTP API (team.json, resume): config.json's `publicApiUrl`. */
  async api(): Promise<string> {
    const { publicApiUrl } = this.#host.config ? await this.#config() : {};
    if (typeof publicApiUrl !== 'string') throw new Error(`<support-chat> needs a config with a publicApiUrl`);
    return publicApiUrl;
  }

  #config(): Promise<SiteConfig> {
    const host = this.#host;
    this.#promise ??= fetch(new URL(host.config, location.href), { credentials: 'omit' })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`${host.config}: HTTP ${r.status}`))))
      .catch((error: unknown) => {
        this.#promise = undefined;
        throw error;
      });
    return this.#promise;
  }
}
