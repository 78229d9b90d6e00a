/** What the scripts print to: the terminal, or a test's lines. */
export interface Console {
  log(line: string): void;
  error(line: string): void;
}

/**
 * Runs a script's command and turns what it throws into an exit code and a sentence: 2 and
 * the usage for malformed arguments; 1 for the rest, with the message alone for `expected`
 * errors (the script's own refusals), and a hint for missing AWS credentials.
 */
export async function runCommand(
  out: Console,
  usage: string,
  expected: (error: unknown) => boolean,
  command: () => Promise<number>,
): Promise<number> {
  try {
    return await command();
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      out.error(`${(error as Error).message}\n\n${usage}`);
      return 2;
    }
    if (expected(error)) out.error((error as Error).message);
    else if (error instanceof Error && /credential/i.test(error.message))
      out.error(`AWS credentials are needed for --aws: ${error.message}`);
    else out.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    return 1;
  }
}
