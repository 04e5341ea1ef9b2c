/** Where users learn about paved; shown in JSON and SARIF output. */
export const PAVED_INFORMATION_URI = 'https://github.com/paved-dev/paved';
