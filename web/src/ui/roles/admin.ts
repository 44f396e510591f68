//! Admin, read-only: the desk's owner, pause state, settings, counters and every SLA policy
//! (tier × priority), and the token's supply. Changes go through the CLI or governance.

import { duration, who } from '../../logic/format';
import { fill, h, section } from '../dom';
import type { Session } from '../session';
import type { View } from './common';

/** `[key, value]` rows of an object, durations (`…Ms`) in words. */
function rows(object: Record<string, unknown>, prefix = ''): [string, string][] {
  return Object.entries(object).flatMap(([key, value]): [string, string][] => {
    if (value && typeof value === 'object') return rows(value as Record<string, unknown>, `${prefix}${key}.`);
    return [[prefix + key, key.endsWith('Ms') ? duration(Number(value)) : String(value)]];
  });
}

/** A table in a box that scrolls sideways on its own on a narrow screen (the page does not). */
function scrolling(table: HTMLTableElement): HTMLElement {
  return h('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': table.caption?.textContent ?? '' }, table);
}

function table(caption: string, data: [string, string][], testid: string): HTMLElement {
  return scrolling(h('table', { 'data-testid': testid }, h('caption', {}, caption), ...data.map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, v)))));
}

export function adminView(s: Session): View {
  const body = h('div');
  const el = h('div', { class: 'view' }, section('Desk settings and SLA policies (read-only)', body));
  return {
    el,
    async refresh() {
      const [owner, paused, settings, counters, supply] = await Promise.all([
        s.read<string>('help_desk', 'owner'),
        s.read<boolean>('help_desk', 'is_paused'),
        s.read<Record<string, unknown>>('help_desk', 'settings'),
        s.read<Record<string, unknown>>('help_desk', 'counters'),
        s.read<unknown>('loyalty_token', 'PSP22::total_supply'),
      ]);
      const policies = await Promise.all(
        s.suite.variants('help_desk', 'Tier').flatMap((tier) => s.suite.variants('help_desk', 'Priority').map(async (priority) => {
          const p = await s.read<Record<string, unknown>>('help_desk', 'sla_policy', tier, priority);
          return h('tr', {}, h('th', { scope: 'row' }, `${tier} / ${priority}`), h('td', {}, duration(Number(p.firstResponseMs))), h('td', {}, duration(Number(p.resolutionMs))), h('td', {}, duration(Number(p.warningLeadMs))), h('td', {}, String(p.compensation)));
        })),
      );
      fill(
        body,
        table('The desk', [['owner', who(owner, s.names)], ['paused', String(paused)], ['token supply', String(supply)]], 'desk-facts'),
        table('Settings', rows(settings), 'settings'),
        table('Counters', rows(counters), 'counters'),
        scrolling(h('table', { 'data-testid': 'policies' }, h('caption', {}, 'SLA policies'),
          h('tr', {}, ...['tier / priority', 'first response', 'resolution', 'warning', 'compensation'].map((c) => h('th', { scope: 'col' }, c))),
          ...policies)),
      );
    },
  };
}
