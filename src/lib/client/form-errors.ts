/**
 * What a refused form action said about one field. Every action refuses with
 * `fail(400, { message, fields: [{ path, message }] })` (see server/http/forms.ts); pages pass
 * their `form` prop, whatever the action it answers, and get the field's message or undefined.
 */
export function fieldError(form: object | null | undefined, path: string): string | undefined {
	if (!form || !('fields' in form) || !Array.isArray(form.fields)) return undefined;
	const fields = form.fields as { path: string; message: string }[];
	return fields.find((field) => field.path === path)?.message;
}
