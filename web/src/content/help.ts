// The "Getting help" page as data: the professional options of the seed
// article (../shared/seed/) and when to use which level of care
// (../shared/clinical/RED_FLAGS.md). help.ts renders it; no advice lives in
// the rendering code.

export interface HelpSection {
  id: string;
  title: string;
  paragraphs: string[];
  /** Optional list under the paragraphs. */
  points?: string[];
  source: string;
}

export const kHelpIntro =
  'If your knots are not responding to self-care, or keep coming back, a professional can help. ' +
  'Often a combination of self-care and professional treatment works best. Your doctor or a pain ' +
  'management specialist can help you choose, based on how severe the knots are, where they are, ' +
  'your overall health and what you prefer.';

export const kTreatments: HelpSection[] = [
  {
    id: 'physical_therapy',
    title: 'Physical therapy',
    paragraphs: [
      'A physical therapist (physiotherapist) examines how you move and teaches you exercises and stretches for your specific trigger points, to improve flexibility and strength.',
      'Good for: knots that keep returning, stiffness, limited movement, and learning a routine you can keep doing at home.',
    ],
    source: 'Seed article: professional treatment options',
  },
  {
    id: 'massage_therapy',
    title: 'Massage therapy',
    paragraphs: [
      'A skilled massage therapist uses techniques such as deep tissue massage and myofascial release to loosen knots and help you relax.',
      'Tell them about any warning sign from your check. Never have a swollen, warm or red leg massaged: it can be a blood clot.',
    ],
    source: 'Seed article; RED_FLAGS.md (dvt)',
  },
  {
    id: 'trigger_point_injections',
    title: 'Trigger point injections',
    paragraphs: [
      'A doctor injects a local anaesthetic, saline or a corticosteroid directly into the trigger point to help the muscle relax.',
      'This is a medical procedure: ask your doctor whether it suits you.',
    ],
    source: 'Seed article: professional treatment options',
  },
  {
    id: 'dry_needling',
    title: 'Dry needling',
    paragraphs: [
      'Similar to acupuncture: a trained clinician inserts thin needles into trigger points to stimulate a healing response and release tension.',
    ],
    source: 'Seed article: professional treatment options',
  },
  {
    id: 'mind_body',
    title: 'Help with stress, mood and coping',
    paragraphs: [
      'Stress can add to muscle tension and pain. A mental health professional who works with chronic pain can help with coping strategies, including cognitive-behavioural therapy, and with anxiety or low mood.',
    ],
    source: 'Seed article: the mind–body connection',
  },
];

export const kWhenToSeek: HelpSection = {
  id: 'when',
  title: 'Which kind of help, and when',
  paragraphs: ['The check on the Check screen sorts warning signs into four levels:'],
  points: [
    'Emergency: call your emergency number or go to the emergency department now.',
    'Get seen today: your own doctor, urgent care or a nurse line. For thoughts of self-harm: a crisis line today.',
    'Book a visit within 1–2 weeks: a professional assessment (physical therapy, massage therapy, or a doctor). Self-care may go on.',
    'No warning sign: self-care can go on; stop and seek care if something changes.',
    'After weeks of self-care without improvement, or if your pain is getting worse, book a professional assessment.',
  ],
  source: 'RED_FLAGS.md: levels, no_improvement, worsening',
};

export const kWhatToSay: HelpSection = {
  id: 'what_to_say',
  title: 'What to bring to the appointment',
  paragraphs: [
    'Your clinician will want to know where it hurts, how strong the pain is and what makes it better or worse. The Report screen prints all of that for a period you choose: pain over time, where it hurt, your entries, your checks and your routines.',
  ],
  points: [
    'Any warning sign your check found, in the words it used.',
    'What you have tried, for how long, and whether it helped.',
    'Medicines you take (Unknot records them but never recommends any).',
  ],
  source: 'Seed article: diagnosing; RED_FLAGS.md',
};
