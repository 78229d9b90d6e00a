import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The feature flags in cdk.json, so a test synthesizes what `cdk synth` synthesizes. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}

/**
 * The synthesis folders of one test file's apps, under one temporary folder that `remove`
 * deletes (in afterAll). An App given no `outdir` makes one of its own in the system's
 * temporary folder and never deletes it: some 20 MB each (the site deployment's AWS CLI
 * layer is staged even without bundling), and a few thousand of them filled the disk.
 */
export function makeOutdirs(): { next(): string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'support-chat-cdk-out-'));
  return {
    next: () => mkdtempSync(join(root, 'app-')),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** A stand-in for the built site: the three files the stack serves, plus a stale config.json it must not publish. */
export function makeSiteDirectory(): string {
  const dir = mkdtempSync(join(tmpdir(), 'support-chat-site-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Practical Cloud</title><script src="/support-chat.js"></script>');
  writeFileSync(join(dir, 'agent.html'), '<!doctype html><title>Agent console</title>');
  writeFileSync(join(dir, 'support-chat.js'), 'export {};');
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ websocketUrl: 'ws://localhost:8787' }));
  return dir;
}

/**
 * Renders a CloudFormation string expression as text, tokens as `${LogicalId}` or
 * `${LogicalId.Attribute}` (and a part of a split string as `${select(2,split('/',${AWS::StackId}))}`),
 * so a test can read a URL or a policy as a person would.
 */
export function render(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if ('Ref' in object) return `\${${String(object.Ref)}}`;
    if ('Fn::GetAtt' in object) return `\${${(object['Fn::GetAtt'] as string[]).join('.')}}`;
    if ('Fn::Join' in object) {
      const [separator, parts] = object['Fn::Join'] as [string, unknown[]];
      return parts.map(render).join(separator);
    }
    if ('Fn::Sub' in object) return String(object['Fn::Sub']);
    if ('Fn::Select' in object) {
      const [index, list] = object['Fn::Select'] as [number, unknown];
      return `\${select(${index},${render(list)})}`;
    }
    if ('Fn::Split' in object) {
      const [separator, source] = object['Fn::Split'] as [string, unknown];
      return `split('${separator}',${render(source)})`;
    }
  }
  throw new Error(`cannot render ${JSON.stringify(value)}`);
}
