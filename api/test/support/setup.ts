import { afterAll, afterEach, beforeEach } from 'vitest';
import { closeAdminClient, closeTestDatabases, markTestRunning } from './testDatabase';

beforeEach(() => markTestRunning(true));
afterEach(async () => {
  markTestRunning(false);
  await closeTestDatabases('test');
});
afterAll(async () => {
  await closeTestDatabases('file');
  await closeAdminClient();
});
