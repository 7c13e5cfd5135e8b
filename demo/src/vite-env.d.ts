/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_PASSLINK_PROJECT_ID?: string;
  readonly VITE_PASSLINK_BASE_URL?: string;
}
