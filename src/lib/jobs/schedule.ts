/**
 * A job's schedule from the environment: a cron expression, or "off" so that the job never runs
 * (the test suite turns off the daily jobs so that a run at 02:00 cannot disturb it).
 */
export function jobSchedule(envName: string, fallback: string): { schedule: string; numberOfExecutions?: number } {
  const value = process.env[envName]?.trim()
  // Medusa drops a job whose execution count has reached numberOfExecutions before running it.
  return value === "off" ? { schedule: fallback, numberOfExecutions: 0 } : { schedule: value || fallback }
}
