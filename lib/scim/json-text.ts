/**
 * JSON text that is already serialized (e.g. a 50,000-member `members` array SQLite built with
 * json_group_array), carried inside a resource so responses can splice it in instead of parsing
 * it into objects and serializing them again. `jsonText()` splices it; a plain JSON.stringify (or
 * code that reads the value) still sees the parsed value through `toJSON()` / `value()`.
 */
export class RawJson {
  private parsed: unknown;
  constructor(readonly text: string) {}

  /** The parsed value (cached): for the rare reader that needs the elements themselves. */
  value(): unknown {
    this.parsed ??= JSON.parse(this.text);
    return this.parsed;
  }

  toJSON(): unknown {
    if (collecting) {
      collecting.push(this);
      return `${MARK}${collecting.length - 1}`;
    }
    return this.value();
  }
}

// A placeholder no client can write: the NUL makes JSON.stringify emit "\u0000", and the nonce is
// unguessable, so a client string that happens to start the same way cannot be mistaken for one.
const MARK = `\u0000raw-${Array.from(globalThis.crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, "0")).join("")}-`;
const QUOTED_MARK = JSON.stringify(MARK).slice(0, -1); // `"\u0000raw-<nonce>-`
let collecting: RawJson[] | null = null;

/** JSON.stringify, with every RawJson inside spliced in as its text. */
export function jsonText(value: unknown): string {
  const outer = collecting;
  const raws: RawJson[] = [];
  collecting = raws;
  let text: string;
  try {
    text = JSON.stringify(value);
  } finally {
    collecting = outer;
  }
  if (raws.length === 0) return text;
  const parts: string[] = [];
  let from = 0;
  for (;;) {
    const at = text.indexOf(QUOTED_MARK, from);
    if (at < 0) break;
    const close = text.indexOf('"', at + QUOTED_MARK.length);
    const index = Number(text.slice(at + QUOTED_MARK.length, close));
    parts.push(text.slice(from, at), raws[index].text);
    from = close + 1;
  }
  parts.push(text.slice(from));
  return parts.join("");
}
