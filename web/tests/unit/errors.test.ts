// A refusal in words: the doc comment of the error variant from the contract's metadata.
import { describe, expect, it } from 'vitest';
import { describeRefusal, variantDocs, type Metadata } from '../../src/logic/errors';

const metadata: Metadata = {
  types: [
    { id: 0, type: { path: ['help_desk', 'ticket', 'Status'], def: { variant: { variants: [{ name: 'Open', docs: ['Waiting on support.'] }] } } } },
    {
      id: 1,
      type: {
        path: ['help_desk', 'errors', 'DeskError'],
        def: {
          variant: {
            variants: [
              { name: 'NoAgentResponse', docs: [' Pending (waiting on the customer) needs an agent\'s answer since the customer last wrote.'] },
              { name: 'AgentLevelTooLow', docs: [" The agent's level is below what the ticket's queue needs."] },
              { name: 'TransitionNotAllowed', docs: [' The transition table does not allow this status change for this caller.'] },
              { name: 'Undocumented' },
            ],
          },
        },
      },
    },
    { id: 2, type: { path: ['loyalty_token', 'errors', 'TokenError'], def: { variant: { variants: [{ name: 'Psp22', docs: [' A PSP22 refusal.'] }] } } } },
    { id: 3, type: { path: ['psp22', 'errors', 'PSP22Error'], def: { variant: { variants: [{ name: 'InsufficientBalance', docs: [' Returned if not enough balance to fulfill a request is available.'] }] } } } },
  ],
};

describe('a refusal in words', () => {
  it("is the variant's doc comment with its name", () => {
    expect(describeRefusal(metadata, { variant: 'NoAgentResponse' })).toBe(
      "Pending (waiting on the customer) needs an agent's answer since the customer last wrote. [NoAgentResponse]",
    );
  });

  it("carries the variant's fields", () => {
    expect(describeRefusal(metadata, { variant: 'AgentLevelTooLow', fields: { required: 2 } })).toBe(
      "The agent's level is below what the ticket's queue needs. (required: 2) [AgentLevelTooLow]",
    );
    expect(describeRefusal(metadata, { variant: 'TransitionNotAllowed', fields: { from: 'Open', to: 'Closed' } })).toContain('(from: Open, to: Closed)');
  });

  it('words a wrapped error by the inner variant', () => {
    expect(describeRefusal(metadata, { variant: 'Psp22', fields: 'InsufficientBalance' })).toBe(
      'Returned if not enough balance to fulfill a request is available. (Psp22: InsufficientBalance)',
    );
    expect(describeRefusal(metadata, { variant: 'Psp22', fields: { insufficientBalance: null } })).toBe(
      'Returned if not enough balance to fulfill a request is available. (Psp22: InsufficientBalance)',
    );
  });

  it('falls back to a plain sentence when a variant has no docs', () => {
    expect(describeRefusal(metadata, { variant: 'Undocumented' })).toBe('The contract refused the call. [Undocumented]');
  });

  it('only looks in error types', () => {
    expect(variantDocs(metadata, 'Open')).toBeUndefined();
  });
});
