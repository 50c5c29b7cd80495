/** The front's route table: the deployment manifest's routes (deployment/manifest.ts). */
export { ROUTES, type RouteSpec } from '#local/product.ts';
