// The mocha globals @web/test-runner provides in the browser (just what the tests use).
declare function describe(title: string, body: () => void): void;
/** `this.timeout(ms)` in a test's body: a longer guard against a hang for a test that needs one. */
declare function it(title: string, body: (this: { timeout(ms: number): void }) => void | Promise<void>): void;
declare function before(body: () => void | Promise<void>): void;
declare function after(body: () => void | Promise<void>): void;
declare function beforeEach(body: () => void | Promise<void>): void;
declare function afterEach(body: () => void | Promise<void>): void;
