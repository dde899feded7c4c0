import { describe, expect, it } from 'vitest';
import { insecurePlatformError, requiresInsecureConfirmation } from './platform-url';

describe('sending a token in clear needs the user to confirm', () => {
  it('asks for http:// to any host other than loopback', () => {
    expect(requiresInsecureConfirmation('http://platform.example.com')).toBe(true);
    expect(requiresInsecureConfirmation('http://10.0.0.5:8080/prefix')).toBe(true);
    expect(requiresInsecureConfirmation('http://127.0.0.1.evil.example/')).toBe(true);
    expect(requiresInsecureConfirmation('http://localhost.evil.example/')).toBe(true);
    expect(requiresInsecureConfirmation('http://[::ffff:10.0.0.1]/')).toBe(true);
  });

  it('does not ask for https:// or for loopback addresses', () => {
    expect(requiresInsecureConfirmation('https://platform.example.com')).toBe(false);
    expect(requiresInsecureConfirmation('http://127.0.0.1:4000')).toBe(false);
    expect(requiresInsecureConfirmation('http://127.8.9.10/')).toBe(false);
    expect(requiresInsecureConfirmation('http://localhost:4000/prefix')).toBe(false);
    expect(requiresInsecureConfirmation('http://LOCALHOST./')).toBe(false);
    expect(requiresInsecureConfirmation('http://[::1]:4000/')).toBe(false);
  });

  it('is a typed invalid_input error that the renderer can recognise, unless confirmed', () => {
    expect(insecurePlatformError('http://platform.example.com', undefined)).toMatchObject({ code: 'invalid_input', issues: [{ path: 'allowInsecure' }] });
    expect(insecurePlatformError('http://platform.example.com', true)).toBeNull();
    expect(insecurePlatformError('https://platform.example.com', undefined)).toBeNull();
  });
});
