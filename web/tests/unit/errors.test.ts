// A refusal in words: the doc comment of the variant of the error type the message declares.
import { describe, expect, it } from 'vitest';
import { describeRefusal, errorTypeOf, type Metadata } from '../../src/logic/errors';

const variant = (name: string, docs?: string, fields?: { name?: string; type: number }[]) => ({ name, docs: docs ? [` ${docs}`] : undefined, fields });
// Two contracts' errors share variant names (the governor's metadata holds the desk's errors too).
const metadata: Metadata = {
  types: [
    { id: 0, type: { path: ['Result'], params: [{ name: 'T', type: 1 }, { name: 'E', type: 3 }], def: {} } },
    { id: 1, type: { path: ['Result'], params: [{ name: 'T', type: 9 }, { name: 'E', type: 2 }], def: {} } },
    {
      id: 2,
      type: {
        path: ['help_desk', 'errors', 'DeskError'],
        def: {
          variant: {
            variants: [
              variant('NoAgentResponse', "Pending (waiting on the customer) needs an agent's answer since the customer last wrote."),
              variant('AgentLevelTooLow', "The agent's level is below what the ticket's queue needs.", [{ name: 'required', type: 9 }]),
              variant('Overflow', "The desk's counters are exhausted."),
              variant('Undocumented'),
            ],
          },
        },
      },
    },
    { id: 3, type: { path: ['ink_primitives', 'LangError'], def: { variant: { variants: [variant('CouldNotReadInput')] } } } },
    { id: 4, type: { path: ['Result'], params: [{ name: 'T', type: 5 }, { name: 'E', type: 3 }], def: {} } },
    { id: 5, type: { path: ['Result'], params: [{ name: 'T', type: 9 }, { name: 'E', type: 6 }], def: {} } },
    {
      id: 6,
      type: {
        path: ['governor', 'errors', 'GovernorError'],
        def: { variant: { variants: [variant('Overflow', 'A proposal id or a tally is exhausted.'), variant('Token', 'The token refused.', [{ type: 7 }])] } },
      },
    },
    { id: 7, type: { path: ['psp22', 'errors', 'PSP22Error'], def: { variant: { variants: [variant('InsufficientBalance', 'Returned if not enough balance to fulfill a request is available.')] } } } },
    { id: 9, type: { def: {} } },
  ],
  spec: {
    messages: [
      { label: 'set_status', returnType: { type: 0 } },
      { label: 'vote', returnType: { type: 4 } },
      { label: 'owner', returnType: { type: 9 } },
    ],
  },
};

const desk = errorTypeOf(metadata, 'set_status');
const governor = errorTypeOf(metadata, 'vote');

describe('a refusal in words', () => {
  it('is found in the error type the message declares', () => {
    expect(desk).toBe(2);
    expect(governor).toBe(6);
    expect(errorTypeOf(metadata, 'owner'), 'a message without an error type').toBeUndefined();
  });

  it("is the variant's doc comment with its name", () => {
    expect(describeRefusal(metadata, desk, { variant: 'NoAgentResponse' })).toBe(
      "Pending (waiting on the customer) needs an agent's answer since the customer last wrote. [NoAgentResponse]",
    );
  });

  it("never takes another contract's variant of the same name", () => {
    expect(describeRefusal(metadata, governor, { variant: 'Overflow' })).toBe('A proposal id or a tally is exhausted. [Overflow]');
    expect(describeRefusal(metadata, desk, { variant: 'Overflow' })).toBe("The desk's counters are exhausted. [Overflow]");
  });

  it("carries the variant's fields", () => {
    expect(describeRefusal(metadata, desk, { variant: 'AgentLevelTooLow', fields: { required: 2 } })).toBe(
      "The agent's level is below what the ticket's queue needs. (required: 2) [AgentLevelTooLow]",
    );
  });

  it('words a wrapped error by the inner variant, in the form toJSON gives it', () => {
    expect(describeRefusal(metadata, governor, { variant: 'Token', fields: 'InsufficientBalance' })).toBe(
      'Returned if not enough balance to fulfill a request is available. (Token: InsufficientBalance)',
    );
    expect(describeRefusal(metadata, governor, { variant: 'Token', fields: { insufficientBalance: null } })).toBe(
      'Returned if not enough balance to fulfill a request is available. (Token: InsufficientBalance)',
    );
  });

  it('falls back to a plain sentence when a variant has no docs', () => {
    expect(describeRefusal(metadata, desk, { variant: 'Undocumented' })).toBe('The contract refused the call. [Undocumented]');
  });
});
