import { describe, expect, it } from 'vitest';
import { maskUrlCredentials } from './redact.js';

describe('maskUrlCredentials', () => {
  it('masks the user-info of every URL, keeping the shared git user of SSH URLs', () => {
    const token = ['gh', 'p_', 'A1b2C3d4E5f6G7h8J9k0LmNpQrStUvWxYz12'].join('');
    expect(maskUrlCredentials(`git+https://${token}@github.com/o/r.git and https://me:pw@host/x`)).toBe(
      'git+https://***@github.com/o/r.git and https://***@host/x',
    );
    expect(maskUrlCredentials('git+ssh://git@github.com/o/r.git')).toBe('git+ssh://git@github.com/o/r.git');
    expect(maskUrlCredentials('no url here')).toBe('no url here');
  });
});
