// Confirmation before anything changes on the server, with a reason where the API wants one.
const $ = id => document.getElementById(id);

/**
 * Shows the confirmation dialog (a native modal <dialog>: focus stays inside, Escape cancels) and
 * runs action(reason) on confirmation. The dialog stays open with the server's refusal when the
 * action fails, so that the user can correct the reason or cancel.
 */
export function confirmAction({title, text, confirm, reason, reasonRequired = false, action}) {
    const dialog = $('confirm');
    const form = $('confirm-form');
    const field = $('confirm-reason');
    const label = $('confirm-reason-label');
    const error = $('confirm-error');
    $('confirm-title').textContent = title;
    $('confirm-text').textContent = text;
    $('confirm-ok').textContent = confirm;
    error.textContent = '';
    field.value = '';
    field.hidden = label.hidden = !reason;
    // Checked here rather than by the browser's own validation, so that the message is the dialog's, in its live region.
    field.setAttribute('aria-required', String(reasonRequired));
    form.noValidate = true;
    label.textContent = reason || '';
    return new Promise(resolve => {
        const done = result => {
            form.removeEventListener('submit', submit);
            $('confirm-cancel').removeEventListener('click', cancel);
            dialog.removeEventListener('cancel', cancel);
            if (dialog.open) dialog.close();
            resolve(result);
        };
        const cancel = event => {
            event.preventDefault();
            done(null);
        };
        const submit = async event => {
            event.preventDefault();
            const text = field.value.trim();
            if (reasonRequired && !text) {
                error.textContent = 'A reason is required.';
                field.focus();
                return;
            }
            $('confirm-ok').disabled = true;
            try {
                done(await action(text || null));
            } catch (e) {
                error.textContent = e.message;
            } finally {
                $('confirm-ok').disabled = false;
            }
        };
        form.addEventListener('submit', submit);
        $('confirm-cancel').addEventListener('click', cancel);
        dialog.addEventListener('cancel', cancel);
        dialog.showModal();
        (reason ? field : $('confirm-ok')).focus();
    });
}
