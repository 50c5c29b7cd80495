/** The front's route table: the deployment manifest's routes (deployment/manifest.ts). */
export { ROUTES, matchRoute, type RouteSpec } from '#local/product.ts';
