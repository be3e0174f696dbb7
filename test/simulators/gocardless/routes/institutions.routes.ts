import { gcError } from '../sim-errors';
import { ok } from '../sim-http';
import { INSTITUTIONS, findInstitution, listedInstitution } from '../sim-institutions';
import type { RouteDefinition } from '../sim-state';

export const institutionRoutes: readonly RouteDefinition[] = [
  {
    name: 'institutions.list',
    method: 'GET',
    pattern: /^\/api\/v2\/institutions\/$/,
    bucket: 'institutions',
    auth: true,
    handle: ({ request }) => {
      const country = request.query.get('country')?.toUpperCase();
      const listed = INSTITUTIONS.filter(
        (institution) => !country || institution.countries.includes(country),
      );
      return ok(listed.map(listedInstitution));
    },
  },
  {
    name: 'institutions.get',
    method: 'GET',
    pattern: /^\/api\/v2\/institutions\/([^/]+)\/$/,
    bucket: 'institutions',
    auth: true,
    handle: ({ params }) => {
      const institution = findInstitution(params[0]);
      return institution
        ? ok({ ...institution })
        : gcError(404, 'Not found.', `Institution ${params[0]} not found`);
    },
  },
];
