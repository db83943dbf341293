// Shows results on the page (for the screenshot) and hands them to the test (window.__results).

type Results = Record<string, unknown>;
const w = globalThis as unknown as { __results?: Results; document: Document };

/** Records one part's results; the test waits until every part it expects is there. */
export function publish(part: string, value: unknown): void {
  w.__results = { ...(w.__results ?? {}), [part]: value };
}

/** Appends a section with a title, lines of text and an optional PNG. */
export function show(title: string, lines: readonly string[], png?: Uint8Array): void {
  const doc = w.document;
  const section = doc.createElement('section');
  const h = doc.createElement('h2');
  h.textContent = title;
  section.append(h);
  const pre = doc.createElement('pre');
  pre.textContent = lines.join('\n');
  section.append(pre);
  if (png !== undefined) {
    const img = doc.createElement('img');
    img.src = URL.createObjectURL(new Blob([png.slice()], { type: 'image/png' }));
    section.append(img);
  }
  doc.body.append(section);
}
