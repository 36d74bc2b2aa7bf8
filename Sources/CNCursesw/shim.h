#ifndef HEATDESK_CNCURSESW_SHIM_H
#define HEATDESK_CNCURSESW_SHIM_H

// Without these two, cchar_t / setcchar / get_wch are missing and UTF-8 comes out garbled.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#define NCURSES_WIDECHAR 1

#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <ncurses.h>
#include <term.h>

// C macros do not import into Swift; these wrappers do.
static inline WINDOW *hd_stdscr(void) { return stdscr; }
static inline WINDOW *hd_curscr(void) { return curscr; }
static inline int hd_lines(void) { return LINES; }
static inline int hd_cols(void) { return COLS; }
static inline int hd_colors(void) { return COLORS; }
static inline int hd_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t hd_a_bold(void) { return A_BOLD; }
static inline attr_t hd_a_reverse(void) { return A_REVERSE; }
static inline attr_t hd_a_underline(void) { return A_UNDERLINE; }
static inline attr_t hd_a_dim(void) { return A_DIM; }
static inline attr_t hd_a_normal(void) { return A_NORMAL; }
static inline int hd_key_code_yes(void) { return KEY_CODE_YES; }
static inline int hd_err(void) { return ERR; }
static inline void hd_getmaxyx(WINDOW *w, int *y, int *x) { int yy, xx; getmaxyx(w, yy, xx); *y = yy; *x = xx; }
/// glibc's wcwidth, which ncurses uses to place characters: the backend checks each cell against it.
static inline int hd_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }
static inline const char *hd_codeset(void) { return nl_langinfo(CODESET); }

/// One cell: up to CCHARW_MAX-1 wide chars plus a terminating zero, with attributes and a color pair.
/// Pairs go through the `opts` pointer so that numbers above 32767 work (ncurses 6 extended pairs).
static inline int hd_put_cell(int y, int x, const wchar_t *wch, attr_t attrs, int pair) {
    cchar_t cc;
    int p = pair;
    if (setcchar(&cc, wch, attrs, 0, &p) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &cc);
}
static inline int hd_init_pair(int pair, int fg, int bg) { return init_extended_pair(pair, fg, bg); }
static inline int hd_get_wch(wint_t *out) { return wget_wch(stdscr, out); }
/// stdin/stdout are C globals Swift 6 will not touch from Swift code.
static inline SCREEN *hd_newterm(void) { return newterm(NULL, stdout, stdin); }
static inline void hd_fflush_stdout(void) { fflush(stdout); }

#endif
