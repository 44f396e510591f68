// A Playwright reporter printing the line CI reads: `N passed, N failed` (skips counted apart).
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

export default class Summary implements Reporter {
  private passed = 0;
  private failed = 0;
  private skipped = 0;

  onTestEnd(test: TestCase, result: TestResult): void {
    const outcome = test.outcome();
    if (outcome === 'expected' || outcome === 'flaky') this.passed += 1;
    else if (outcome === 'skipped') this.skipped += 1;
    else if (result.retry === test.retries) this.failed += 1;
  }

  onEnd(): void {
    console.log(`browser tests: ${this.passed} passed, ${this.failed} failed${this.skipped ? `, ${this.skipped} skipped` : ''}`);
  }
}
