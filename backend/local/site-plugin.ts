import type { Plugin } from 'vite';
import type { LocalStack } from './stack.ts';

/**
 * Serves what the demo site needs from the local stack on the site's own origin:
 * `/config.json` (the shape the CDK stack writes in production) and `/local/alerts`
 * (the alerts the local SNS endpoint received, for the demo's "Agent alerts" page).
 */
export function localStackSite(stack: LocalStack): Plugin {
  return {
    name: 'support-chat-local-stack',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = req.url?.split('?')[0];
        if (req.method !== 'GET' || (path !== '/config.json' && path !== '/local/alerts')) return next();
        const body = path === '/config.json' ? stack.siteConfig : stack.sns.recent();
        res.setHeader('content-type', 'application/json');
        res.setHeader('cache-control', 'no-store');
        res.end(JSON.stringify(body));
      });
    },
  };
}
