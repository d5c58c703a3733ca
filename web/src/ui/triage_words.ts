// What the page says around the core's triage results: the level headings of
// RED_FLAGS.md's "Levels" table, its disclaimers, and turning a number as the
// core writes it ("999 (or 112)", "Samaritans 116 123") into a tel: link.
// Content as data; the rules, messages and numbers themselves come from the
// core.
import type { TriageLevel } from '../rpc';

export const kLevelWords: Record<TriageLevel, { title: string; text: string }> = {
  emergency: {
    title: 'Emergency: call now',
    text: 'Call your emergency number or go to the emergency department now.',
  },
  urgent: {
    title: 'Get seen today',
    text: 'See a doctor today: your own doctor, urgent care, or a nurse line.',
  },
  soon: {
    title: 'Book a visit within 1–2 weeks',
    text: 'Book a professional assessment within 1–2 weeks and tell them what is listed below. Self-care may go on.',
  },
  self_care: {
    title: 'No warning sign found',
    text: 'Self-care can go on. Stop and seek care if anything below changes.',
  },
};

/** RED_FLAGS.md "Disclaimers" 1–3: shown wherever advice is shown. */
export const kDisclaimers = [
  'Unknot helps you track pain and follow self-care. It does not diagnose or replace a health professional.',
  'Chest pain, trouble breathing, sudden weakness or numbness, loss of bladder or bowel control, or anything that feels like an emergency: call your emergency number now.',
  'Stop any exercise or self-massage that causes sharp, spreading or worsening pain, numbness or dizziness.',
];

export const kPauseWords = {
  all: 'All self-care routines are paused',
  site: 'Self-care on the painful area is paused (never massage or press a swollen leg)',
};

/** The first phone number in `text` as a tel: URI, or null ("your local crisis line"). */
export function telUri(text: string): string | null {
  const match = /\d[\d ]*\d|\d/.exec(text);
  return match ? `tel:${match[0].replaceAll(' ', '')}` : null;
}

/** The dialling part of a number as the core writes it ("999 (or 112)" → "999"). */
export function dialNumber(text: string): string {
  const match = /\d[\d ]*\d|\d/.exec(text);
  return match ? match[0] : text;
}
