import { execa } from 'execa';

/** The few cluster settings that decide how finished jobs can be looked up. */
export interface SlurmAccountingConfig {
  /** sacct works (slurmdbd is configured). */
  accounting: boolean;
  /** The jobcomp/filetxt log, when the cluster writes one. */
  jobcompFile: string | null;
  /** Seconds a finished job stays visible to squeue. */
  minJobAgeS: number | null;
}

/** Parses `scontrol show config` (`Key = value` lines) into a map. Pure. */
export function parseScontrolConfig(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^(\w+)\s*=\s*(.*)$/.exec(line.trim());
    if (m) out.set(m[1]!, m[2]!.trim());
  }
  return out;
}

/** Reads from a parsed config what the monitor needs: whether sacct works, where the jobcomp log is. */
export function accountingFromConfig(config: Map<string, string>): SlurmAccountingConfig {
  const storage = config.get('AccountingStorageType') ?? 'accounting_storage/none';
  const jobcomp = config.get('JobCompType') ?? 'jobcomp/none';
  const loc = config.get('JobCompLoc');
  const age = /^(\d+)/.exec(config.get('MinJobAge') ?? '');
  return {
    accounting: storage !== 'accounting_storage/none' && storage !== '',
    jobcompFile: jobcomp === 'jobcomp/filetxt' && loc && loc.startsWith('/') ? loc : null,
    minJobAgeS: age ? Number(age[1]) : null,
  };
}

let cached: Promise<SlurmAccountingConfig> | undefined;

/** Asks `scontrol show config` once per process; an unreachable controller gives "nothing known". */
export function readSlurmAccountingConfig(): Promise<SlurmAccountingConfig> {
  cached ??= execa('scontrol', ['show', 'config'], { reject: false, timeout: 30_000 }).then((r) =>
    r.exitCode === 0
      ? accountingFromConfig(parseScontrolConfig(String(r.stdout)))
      : { accounting: false, jobcompFile: null, minJobAgeS: null },
  );
  return cached;
}
