// The 18-character resident ID number (GB 11643), checked as the registry checks it
// (aid-registry-service domain/IdNumbers): 17 digits, a check character, a real birth date from 1900.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** 'ok', 'short' (still being typed), 'chars', 'checksum' or 'birth'. */
export function checkIdNumber(raw, today = new Date()) {
  const id = (raw || '').trim().toUpperCase();
  if (!/^[0-9]{0,17}[0-9X]?$/.test(id) || (id.length < 18 && id.includes('X'))) return 'chars';
  if (id.length < 18) return 'short';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * WEIGHTS[i];
  if (CHECK[sum % 11] !== id[17]) return 'checksum';
  const y = Number(id.slice(6, 10)), m = Number(id.slice(10, 12)), d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) return 'birth';
  if (y < 1900 || birth.getTime() > today.getTime()) return 'birth';
  return 'ok';
}
