/**
 * The metric names a platform knows, some of them retired. Platforms keep retiring metrics, so
 * each simulator answers a retired one the way its platform does (an error, or the field gone).
 */
export class MetricCatalog {
  private readonly retired: Set<string>;

  constructor(
    private readonly known: readonly string[],
    retired: readonly string[] = [],
  ) {
    this.retired = new Set(retired);
  }

  /** Retiring a name the platform never knew is allowed: it simply stays invalid. */
  retire(name: string): void {
    this.retired.add(name);
  }

  restore(name: string): void {
    this.retired.delete(name);
  }

  isValid(name: string): boolean {
    return this.known.includes(name) && !this.retired.has(name);
  }

  /** The names a request may not use, in the order asked. */
  invalidAmong(names: readonly string[]): string[] {
    return names.filter((name) => !this.isValid(name));
  }

  active(): string[] {
    return this.known.filter((name) => !this.retired.has(name));
  }

  retiredNames(): string[] {
    return [...this.retired];
  }
}
