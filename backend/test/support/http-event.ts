import type { TestStack } from './test-stack.ts';

/** A request as API Gateway's HTTP API (payload 2.0) hands it to the public API's handler. */
export function httpEvent(method: string, pathWithQuery: string, body = '') {
  const url = new URL(pathWithQuery, 'https://site.example');
  return {
    version: '2.0',
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    queryStringParameters: url.search ? Object.fromEntries(url.searchParams) : undefined,
    headers: {},
    requestContext: { http: { method, path: url.pathname } },
    body,
    isBase64Encoded: false,
  } as unknown as Parameters<TestStack['http']>[0];
}
