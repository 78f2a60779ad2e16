/** Who organises events (audience::kEventOrganisers), apart from the dictionary so the main chunk may ask. */

import type { Role } from '../shell/types';

const ORGANISER_ROLES: readonly Role[] = ['union_staff', 'station_keeper', 'sponsor', 'community_officer', 'street_officer', 'district_officer', 'city_officer', 'admin'];

/** Union staff, station keepers, sponsors, community officers and above. */
export const isOrganiser = (role: Role | string): boolean => (ORGANISER_ROLES as readonly string[]).includes(role);
