//! A refusal in words. The words are the doc comment of the error's variant in the contract's
//! metadata (the `///` line above it in the Rust source): said once, there, and shown here. The
//! error type is the one the message declares (`Result<Result<T, E>, LangError>`), so two
//! contracts' errors with a variant of the same name never mix.

interface Variant {
  name: string;
  docs?: string[];
  fields?: { name?: string; type: number }[];
}

/** The part of an ink! metadata file the wording needs. */
export interface Metadata {
  types: {
    id: number;
    type: {
      path?: string[];
      params?: { name: string; type?: number }[];
      def: { variant?: { variants: Variant[] } };
    };
  }[];
  spec: { messages: { label: string; returnType: { type: number } }[] };
}

/** A contract's refusal as decoded from a dry run: the variant and its fields (`toJSON`). */
export interface Refusal {
  variant: string;
  fields?: unknown;
}

/** The words of a `LangError`: the call did not match a message of the contract. */
export const LANG_ERROR =
  'The contract could not read the call (its metadata does not match the code at this address).';

function typeOf(metadata: Metadata, id: number | undefined) {
  return metadata.types.find((t) => t.id === id)?.type;
}

/** The error type `E` of message `label` (`Result<Result<T, E>, LangError>`), if it has one. */
export function errorTypeOf(metadata: Metadata, label: string): number | undefined {
  const message = metadata.spec.messages.find((m) => m.label === label);
  const outer = typeOf(metadata, message?.returnType.type);
  const inner = typeOf(metadata, outer?.params?.[0]?.type);
  if (inner?.path?.[inner.path.length - 1] !== 'Result') return undefined;
  return inner.params?.[1]?.type;
}

function variantOf(metadata: Metadata, type: number | undefined, name: string): Variant | undefined {
  return typeOf(metadata, type)?.def.variant?.variants.find((v) => v.name.toLowerCase() === name.toLowerCase());
}

function docsOf(variant: Variant | undefined): string | undefined {
  return variant?.docs?.length ? variant.docs.map((line) => line.trim()).join(' ') : undefined;
}

function fieldsInWords(fields: unknown): string {
  if (fields === null || fields === undefined) return '';
  if (typeof fields !== 'object') return String(fields);
  return Object.entries(fields as Record<string, unknown>)
    .map(([key, value]) => (typeof value === 'object' && value !== null ? `${key}: ${fieldsInWords(value)}` : `${key}: ${value}`))
    .join(', ');
}

/**
 * The refusal in words: the variant's docs, its fields, and its name (what the code and the docs
 * call it). A variant wrapping another error (`Psp22(InsufficientBalance)`) is worded by the
 * inner variant when that has docs.
 */
export function describeRefusal(metadata: Metadata, errorType: number | undefined, refusal: Refusal): string {
  const { variant: name, fields } = refusal;
  const outer = variantOf(metadata, errorType, name);
  const wrapped = outer?.fields?.length === 1 && outer.fields[0].name === undefined ? outer.fields[0].type : undefined;
  if (wrapped !== undefined) {
    const innerName = typeof fields === 'string' ? fields : fields && typeof fields === 'object' ? Object.keys(fields)[0] : undefined;
    const inner = innerName ? variantOf(metadata, wrapped, innerName) : undefined;
    const innerDocs = docsOf(inner);
    if (inner && innerDocs) return `${innerDocs} (${name}: ${inner.name})`;
  }
  const docs = docsOf(outer) ?? 'The contract refused the call.';
  const detail = fieldsInWords(fields);
  return `${docs}${detail ? ` (${detail})` : ''} [${name}]`;
}
