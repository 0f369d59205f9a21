// The clock of every measurement: CPU time of this process, all threads, in nanoseconds
// (microsecond resolution; samples last a millisecond or more).
// CPU time rather than wall time because these machines are shared: when another program
// takes the core for a while, wall time grows by its share and this does not. It still
// counts the garbage collector's helper threads, which do work the workload caused.
export function nowNs() {
  const { user, system } = process.cpuUsage();
  return (user + system) * 1000;
}
