/**
 * Land only extends ProjectGroup: a representation already holds all land knows (the id), so it
 * is returned as is, with no SQL; the fields land adds load through `ctx.loaders`.
 */
export const projectGroupReference = {
  __resolveReference: (reference: { id: string }) => reference,
};
