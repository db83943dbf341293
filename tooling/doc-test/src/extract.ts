/** One fenced TypeScript block of a README. */
export interface DocBlock {
  /** The README, relative to the workspace root. */
  readonly readme: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The block's code. */
  readonly code: string;
  /** Declarations the block assumes (`<!-- doc-test: context ... -->`), prepended to type-check it. */
  readonly context: string;
  /** Why the block is only type-checked, or `undefined` when it runs too. */
  readonly noRun: string | undefined;
}

const DIRECTIVE = /^<!--\s*doc-test:\s*(context|no-run)\b([\s\S]*?)-->\s*$/;

/**
 * The `ts` / `typescript` blocks of a Markdown text. A block runs unless the HTML comment right
 * above it (blank lines allowed) says otherwise:
 * - `<!-- doc-test: context declare const x: Float32Array; -->`: the block uses names it does not
 *   define; the declarations are prepended for the type check, and the block is not run;
 * - `<!-- doc-test: no-run why -->`: type-checked only (it trains for minutes, needs a GPU, ...).
 */
export function extractBlocks(readme: string, text: string): DocBlock[] {
  const lines = text.split(/\r?\n/);
  const blocks: DocBlock[] = [];
  let context = '';
  let noRun: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const directive = DIRECTIVE.exec(line.trim());
    if (directive) {
      const body = directive[2]!.trim();
      if (directive[1] === 'context') {
        context += `${body}\n`;
        noRun ??= 'it uses names defined outside the block';
      } else noRun = body || 'marked no-run';
      continue;
    }
    const fence = /^(\s*)(```+)\s*(ts|typescript)\b.*$/.exec(line);
    if (fence) {
      const [, indent, ticks] = fence as unknown as [string, string, string];
      const body: string[] = [];
      let j = i + 1;
      while (j < lines.length && !lines[j]!.trimStart().startsWith(ticks)) body.push(lines[j++]!.slice(indent.length));
      blocks.push({ readme, line: i + 1, code: body.join('\n'), context, noRun });
      i = j;
    }
    if (line.trim() !== '') {
      context = '';
      noRun = undefined;
    }
  }
  return blocks;
}
