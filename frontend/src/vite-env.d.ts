/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Minutes without input before the app signs the user out (default 15). */
  readonly VITE_IDLE_TIMEOUT_MINUTES?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
