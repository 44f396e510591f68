//! A refusal in words. The words are the doc comment of the error's variant in the contract's
//! metadata (the `///` line above it in the Rust source): said once, there, and shown here.

/** The part of an ink! metadata file the wording needs. */
export interface Metadata {
  types: {
    id: number;
    type: {
      path?: string[];
      def: { variant?: { variants: { name: string; docs?: string[] }[] } };
    };
  }[];
}

/** A contract's refusal as decoded from a dry run: the variant and its fields, if any. */
export interface Refusal {
  variant: string;
  fields?: unknown;
}

/** The words of a `LangError`: the call did not match a message of the contract. */
export const LANG_ERROR =
  'The contract could not read the call (its metadata does not match the code at this address).';

/** The doc comment of `variant` in an error type (a type whose name ends in `Error`). */
export function variantDocs(metadata: Metadata, variant: string): string | undefined {
  for (const { type } of metadata.types) {
    const name = type.path?.[type.path.length - 1] ?? '';
    if (!name.endsWith('Error')) continue;
    const found = type.def.variant?.variants.find((v) => v.name === variant);
    if (found?.docs?.length) return found.docs.map((line) => line.trim()).join(' ');
  }
  return undefined;
}

function fieldsInWords(fields: unknown): string {
  if (fields === null || fields === undefined) return '';
  if (typeof fields !== 'object') return String(fields);
  return Object.entries(fields as Record<string, unknown>)
    .map(([key, value]) => (typeof value === 'object' && value !== null ? `${key}: ${fieldsInWords(value)}` : `${key}: ${value}`))
    .join(', ');
}

/**
 * The refusal in words: the variant's docs, its fields, and the variant's name (what the code
 * and the docs call it). A variant wrapping another error (`Psp22(InsufficientBalance)`) is
 * worded by the inner one when that has docs.
 */
export function describeRefusal(metadata: Metadata, refusal: Refusal): string {
  const { variant, fields } = refusal;
  if (typeof fields === 'string' && variantDocs(metadata, fields)) {
    return `${variantDocs(metadata, fields)} (${variant}: ${fields})`;
  }
  if (fields && typeof fields === 'object' && Object.keys(fields).length === 1) {
    const [[inner, value]] = Object.entries(fields as Record<string, unknown>);
    const innerName = inner.charAt(0).toUpperCase() + inner.slice(1);
    const innerDocs = variantDocs(metadata, innerName);
    if (innerDocs && (value === null || value === undefined)) return `${innerDocs} (${variant}: ${innerName})`;
  }
  const docs = variantDocs(metadata, variant) ?? 'The contract refused the call.';
  const detail = fieldsInWords(fields);
  return `${docs}${detail ? ` (${detail})` : ''} [${variant}]`;
}
