// The player's cues and the screen: a beep made with WebAudio (no sound
// files, so it works offline), a vibration where the device has one, and a
// Screen Wake Lock while a routine runs. Each is optional: a browser without
// it simply does without, and nothing here throws.

export type Cue = 'hold' | 'rest' | 'next' | 'done';

// Pitch (Hz) and beeps per cue: a higher tone to start holding, a lower one
// to rest, three for the end.
const kTones: Record<Cue, { hz: number; beeps: number }> = {
  hold: { hz: 880, beeps: 1 },
  rest: { hz: 523, beeps: 1 },
  next: { hz: 660, beeps: 2 },
  done: { hz: 988, beeps: 3 },
};
const kBeepSeconds = 0.18;
const kVolume = 0.2;

interface WakeLockSentinelLike {
  released: boolean;
  release(): Promise<void>;
}

export class Cues {
  private audio: AudioContext | null = null;
  private wakeLock: WakeLockSentinelLike | null = null;
  private wantAwake = false;
  sound = true;

  constructor() {
    // A wake lock is dropped whenever the page is hidden: take it again.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible' && this.wantAwake) void this.takeWakeLock();
    });
  }

  /** Call from a user gesture (Start): browsers only let audio start from one. */
  unlock(): void {
    try {
      this.audio ??= new AudioContext();
      void this.audio.resume();
    } catch {
      this.audio = null;
    }
  }

  play(cue: Cue): void {
    const { hz, beeps } = kTones[cue];
    if (this.sound && this.audio) {
      try {
        const start = this.audio.currentTime;
        for (let i = 0; i < beeps; i++) this.beep(start + i * kBeepSeconds * 1.6, hz);
      } catch {
        // No audio output: the screen and vibration still show the change.
      }
    }
    navigator.vibrate?.(Array.from({ length: beeps * 2 - 1 }, (_, i) => (i % 2 === 0 ? 200 : 120)));
  }

  private beep(at: number, hz: number): void {
    const audio = this.audio!;
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = hz;
    gain.gain.setValueAtTime(kVolume, at);
    gain.gain.exponentialRampToValueAtTime(0.001, at + kBeepSeconds);
    osc.connect(gain).connect(audio.destination);
    osc.start(at);
    osc.stop(at + kBeepSeconds);
  }

  /** Keeps the screen on while a routine runs (where the browser allows). */
  async keepAwake(on: boolean): Promise<void> {
    this.wantAwake = on;
    if (on) return this.takeWakeLock();
    const lock = this.wakeLock;
    this.wakeLock = null;
    await lock?.release().catch(() => undefined);
  }

  get awake(): boolean {
    return this.wakeLock !== null && !this.wakeLock.released;
  }

  private async takeWakeLock(): Promise<void> {
    const api = (navigator as Navigator & { wakeLock?: { request(type: 'screen'): Promise<WakeLockSentinelLike> } }).wakeLock;
    if (!api || this.awake) return;
    try {
      this.wakeLock = await api.request('screen');
      if (!this.wantAwake) await this.keepAwake(false);
    } catch {
      // Refused (battery saver, hidden page): the timing stays right anyway.
      this.wakeLock = null;
    }
  }
}
