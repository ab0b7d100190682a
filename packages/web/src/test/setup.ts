import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';

// Testing Library unmounts after each test only by itself when test globals are on; ours are off.
afterEach(() => cleanup());
