// A 10-year journal as an export document (docs/export-format.md), for the
// save benchmark: 18,000 entries, about 5 a day, shaped like
// bench/journal_bench.cc's (two sites, a quality, a trigger, what helped,
// stress, a note on one in four), every field with its stamp. Deterministic.
const kDevice = '00000000000000e2';
const kDayMs = 86_400_000;
const kSites = ['upper_trapezius', 'levator_scapulae', 'rhomboids', 'quadratus_lumborum', 'neck', 'piriformis'];
const kTriggers = ['long_sitting', 'stress', 'poor_posture', 'poor_sleep'];

// A small LCG: the same journal every run.
function rng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
}

const pad = (n, width) => String(n).padStart(width, '0');

function stamp(ms) {
  return `${new Date(ms).toISOString()}-0000-${kDevice}`;
}

// "+01:00" local time of `ms`.
function localAt(ms) {
  const local = new Date(ms + 3_600_000).toISOString().slice(0, 19);
  return `${local}+01:00`;
}

// `count` entries spread over the ten years before `endMs`.
export function tenYearExport(count = 18_000, endMs = Date.now() - kDayMs) {
  const next = rng(2);
  const startMs = endMs - 3650 * kDayMs;
  const entries = [];
  for (let i = 0; i < count; i++) {
    const atMs = startMs + Math.floor((i * 3650 * kDayMs) / count);
    const s = stamp(atMs + 60_000);
    const a = next() % 6;
    const b = (a + 1 + (next() % 5)) % 6;
    const sites = [
      { site: kSites[a], side: 'left', intensity: next() % 11 },
      { site: kSites[b], side: 'both', intensity: next() % 11 },
    ];
    const trigger = kTriggers[next() % 4];
    const note = next() % 4 === 0 ? 'worse after a long day at the desk' : null;
    const stamps = { at: s, tz_offset: s, flare: s, stress: s, deleted: s };
    if (note) stamps.note = s;
    for (const site of sites) {
      stamps[`sites/${site.site}@${site.side}/intensity`] = s;
      stamps[`sites/${site.site}@${site.side}/deleted`] = s;
    }
    stamps['qualities/aching/deleted'] = s;
    stamps[`triggers/${trigger}/deleted`] = s;
    stamps['helped/stretching/deleted'] = s;
    entries.push({
      id: pad(atMs.toString(16), 12) + pad(i.toString(16), 20),
      at: localAt(atMs),
      tz_offset_minutes: 60,
      flare: next() % 3 === 0,
      sites,
      qualities: ['aching'],
      triggers: [trigger],
      helped: ['stretching'],
      medications: [],
      rom: null,
      stress: next() % 11,
      sleep: null,
      note,
      deleted: false,
      stamps,
    });
  }
  return JSON.stringify({
    format: 'unknot-journal',
    version: 1,
    vocabulary: '2026.1',
    exported_at: new Date(endMs).toISOString(),
    custom_triggers: [],
    entries,
  });
}
