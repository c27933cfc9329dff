// A reporter that prints, for each failed journey, the page snapshot Playwright keeps beside it
// (error-context.md: the failing page's accessibility tree). CI keeps only the console output, and a
// journey that fails once in many runs can only be understood from what its page showed.
import fs from 'node:fs';
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

export default class FailureContextReporter implements Reporter {
  onTestEnd(test: TestCase, result: TestResult) {
    if (result.status === result.expectedStatus) return;
    for (const attachment of result.attachments) {
      if (attachment.name !== 'error-context' || !attachment.path || !fs.existsSync(attachment.path)) continue;
      const text = fs.readFileSync(attachment.path, 'utf8');
      // The file also repeats the error and the source, which the list reporter prints already.
      const snapshot = text.match(/```yaml\n[\s\S]*?\n```/)?.[0] ?? text;
      console.log(`\n--- what the page showed when "${test.title}" failed ---\n${snapshot.trim()}\n---`);
    }
  }
}
