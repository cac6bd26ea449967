/**
 * A Chat Completions field (or a part of one) that the target API cannot honour. The request is refused rather
 * than sent without it, because a silently ignored field changes the answer the client asked for; `param` names
 * the field the way OpenAI's error bodies do (`messages[2].content[0].image_url`), so the client sees what to fix.
 */
export class UnsupportedParameterError extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
    this.name = 'UnsupportedParameterError';
  }
}
