import { afterAll, afterEach } from 'vitest';
import { closeAdminClient, closeTestDatabases } from './testDatabase';

afterEach(closeTestDatabases);
afterAll(closeAdminClient);
