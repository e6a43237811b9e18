// libedit's native interface (histedit.h). Its setters el_set and history take variable
// arguments, which Swift cannot call, so each use mlp makes is a fixed-argument inline function.
#include <histedit.h>
#include <stdio.h>

static inline int mlp_el_set_prompt(EditLine *e, char *(*prompt)(EditLine *)) {
  return el_set(e, EL_PROMPT, prompt);
}
static inline int mlp_el_set_editor(EditLine *e, const char *mode) {
  return el_set(e, EL_EDITOR, mode);
}
static inline int mlp_el_set_history(EditLine *e, History *h) {
  return el_set(e, EL_HIST, history, h);
}
static inline int mlp_el_bind(EditLine *e, const char *key, const char *command) {
  return el_set(e, EL_BIND, key, command, NULL);
}
static inline int mlp_el_add_function(
  EditLine *e, const char *name, const char *help, unsigned char (*f)(EditLine *, int)) {
  return el_set(e, EL_ADDFN, name, help, f);
}
static inline int mlp_el_set_signal(EditLine *e, int on) { return el_set(e, EL_SIGNAL, on); }
static inline int mlp_history_set_size(History *h, int size) {
  HistEvent event;
  return history(h, &event, H_SETSIZE, size);
}
static inline int mlp_history_set_unique(History *h, int on) {
  HistEvent event;
  return history(h, &event, H_SETUNIQUE, on);
}
static inline int mlp_history_enter(History *h, const char *line) {
  HistEvent event;
  return history(h, &event, H_ENTER, line);
}
static inline int mlp_history_clear(History *h) {
  HistEvent event;
  return history(h, &event, H_CLEAR);
}
static inline int mlp_el_set_getc(EditLine *e, el_rfunc_t f) { return el_set(e, EL_GETCFN, f); }
