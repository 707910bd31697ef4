/** One line of `seedstudy doctor`: found or not, and what to do about it. */
export interface DoctorCheck {
  name: string;
  ok: boolean;
  /** A missing required piece makes doctor exit 1; optional ones only inform. */
  required: boolean;
  /** What was found (version, path) or why not. */
  detail: string;
  /** How to get it, when missing. */
  fix?: string;
}

/** The whole report; `ok` is false when any required check failed. */
export interface DoctorReport {
  ok: boolean;
  checks: DoctorCheck[];
}
