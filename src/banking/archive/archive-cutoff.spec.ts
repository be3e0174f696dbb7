import { archiveCutoff, mayBeArchived } from './archive-cutoff';

describe('archiveCutoff', () => {
  it('is the UTC day the given number of days before now', () => {
    expect(archiveCutoff(new Date('2026-12-04T23:59:59.999Z'), 730)).toBe('2024-12-04');
    expect(archiveCutoff(new Date('2026-03-01T00:00:00.000Z'), 1)).toBe('2026-02-28');
  });
});

describe('mayBeArchived', () => {
  const horizon = { cutoff: '2024-12-04', newestArchived: null };

  it('holds for dates before the cutoff only while the archive is empty', () => {
    expect(mayBeArchived('2024-12-03', horizon)).toBe(true);
    expect(mayBeArchived('2024-12-04', horizon)).toBe(false);
    expect(mayBeArchived('2026-01-01', horizon)).toBe(false);
  });

  it('also covers rows archived under a shorter retention, up to the newest archived date', () => {
    const widened = { ...horizon, newestArchived: '2025-06-30' };
    expect(mayBeArchived('2025-06-30', widened)).toBe(true);
    expect(mayBeArchived('2025-07-01', widened)).toBe(false);
  });
});
