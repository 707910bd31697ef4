import { execa } from 'execa';

/** What a Python interpreter reports about its mlx installation. */
export interface PythonProbe {
  python: string;
  mlx: string | null;
  mlxLm: string | null;
  /** `cpu`, `gpu`... from mx.default_device(); null when mlx does not import. */
  defaultDevice: string | null;
  metal: boolean;
  cuda: boolean;
  /** The import error of mlx.core, when it failed. */
  mlxError: string | null;
}

const script = `
import json, sys
from importlib import metadata
def version(name):
    try:
        return metadata.version(name)
    except Exception:
        return None
out = {"python": sys.version.split()[0], "mlx": version("mlx"), "mlxLm": version("mlx-lm"),
       "defaultDevice": None, "metal": False, "cuda": False, "mlxError": None}
try:
    import mlx.core as mx
    out["defaultDevice"] = str(mx.default_device().type).split(".")[-1]
    out["metal"] = bool(getattr(getattr(mx, "metal", None), "is_available", lambda: False)())
    out["cuda"] = bool(getattr(getattr(mx, "cuda", None), "is_available", lambda: False)())
except Exception as e:
    out["mlxError"] = f"{type(e).__name__}: {e}"
print(json.dumps(out))
`;

/**
 * Asks the interpreter for its Python, mlx and mlx-lm versions and MLX backend. Versions
 * come from package metadata (importing mlx_lm takes seconds); only mlx.core is imported,
 * to learn the device. Returns a string when the interpreter can't run at all.
 */
export async function probePython(pythonPath: string, timeoutMs = 60_000): Promise<PythonProbe | string> {
  const result = await execa(pythonPath, ['-c', script], {
    reject: false,
    timeout: timeoutMs,
    env: { PYTHONDONTWRITEBYTECODE: '1' },
  });
  if (result.failed)
    return result.code === 'ENOENT'
      ? 'not found'
      : String(result.stderr || result.shortMessage || 'failed')
          .split('\n')
          .slice(-3)
          .join(' ')
          .trim();
  try {
    return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as PythonProbe;
  } catch {
    return `unexpected output: ${result.stdout.slice(0, 200)}`;
  }
}
