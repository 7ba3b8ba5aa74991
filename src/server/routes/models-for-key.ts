import type { ListedModel } from "../../gateway/list-models.js";
import type { Principal } from "../../keys/key-authenticator.js";
import { resolveTargetName, type RoutingTable } from "../../router/index.js";

/**
 * What `/v1/models` shows a caller: everything, except to a virtual key limited to some models,
 * which sees only those (a client picking from the list must not pick one it will be refused).
 * A name the key allows that the list lacks (a bare model name) is shown when the router resolves
 * it, owned by the provider it resolves to; a name nothing routes is left out.
 */
export async function modelsFor(
  principal: Principal | undefined,
  listed: ListedModel[],
  table: RoutingTable,
): Promise<ListedModel[]> {
  if (principal?.kind !== "key" || principal.key.models === undefined) return listed;
  const byId = new Map(listed.map((model) => [model.id, model]));
  const visible: ListedModel[] = [];
  for (const name of principal.key.models) {
    const known = byId.get(name);
    if (known !== undefined) {
      visible.push(known);
      continue;
    }
    const target = await resolveTargetName(name, table).catch(() => undefined);
    if (target !== undefined) visible.push({ id: name, ownedBy: target.provider.id, info: target.model });
  }
  return visible;
}
