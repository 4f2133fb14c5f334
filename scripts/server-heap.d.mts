export declare const DEFAULT_SERVER_HEAP_MB: number;
export declare function serverNodeOptions(env: Record<string, string | undefined>): string;
