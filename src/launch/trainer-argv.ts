/**
 * The argv that trains one run: `engine.lora_command` (a user's wrapper) when set, else
 * `<python> -m mlx_lm lora`, followed by `--config <lora_config.yaml>`. All settings travel in the
 * YAML, so the argv is the same shape for every run and every mlx-lm version.
 */
export function trainerArgv(
  engine: { lora_command?: string[] | undefined },
  python: string | undefined,
  configPath: string,
): string[] {
  if (engine.lora_command && engine.lora_command.length > 0) return [...engine.lora_command, '--config', configPath];
  if (!python) throw new Error('trainerArgv: no python interpreter and no engine.lora_command');
  return [python, '-m', 'mlx_lm', 'lora', '--config', configPath];
}
