import cliProgress from "cli-progress";

/**
 * A progress bar on stderr when it is a terminal, nothing otherwise (pipes and CI logs stay
 * clean). Returns the callback to feed and a function to close the bar.
 */
export function terminalProgress(label: string): {
  update: (done: number, total: number) => void;
  stop: () => void;
} {
  if (!process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted}`,
      stream: process.stderr,
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const startedAt = Date.now();
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, done, { rate: 0 });
        started = true;
      }
      const seconds = Math.max((Date.now() - startedAt) / 1000, 0.001);
      bar.setTotal(total);
      bar.update(done, { rate: Math.round(done / seconds) });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
