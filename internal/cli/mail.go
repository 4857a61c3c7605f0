package cli

import (
	"bytes"
	"fmt"
	"strings"

	"appeal/internal/batch"
	"appeal/internal/casefile"
	"appeal/internal/email"
	"appeal/internal/letter"
	"appeal/internal/render"
)

// checkMail refuses flags that do not go with e-mail.
func (opts *generateOptions) checkMail(ps batch.PrintSet) error {
	mail := opts.Format == "eml" || opts.Format == "mailto"
	switch {
	case opts.AttachPDF && opts.Format != "eml":
		return usagef("--attach-pdf goes with --format eml")
	case mail && !ps.Empty():
		return usagef("--combined, --envelopes and --labels are for letters on paper; --format %s writes e-mail", opts.Format)
	case opts.Format == "mailto" && opts.Writers != "":
		return usagef("--format mailto prints links for one writer; for a writers file use --format eml")
	case opts.Format == "mailto" && opts.Out != "out" && opts.Out != "-":
		return usagef("--format mailto prints its links and writes no files, so --out %s has nothing to hold: drop --out, or use --format eml to write draft files", opts.Out)
	}
	return nil
}

// mailable keeps the letters of plan whose recipient has an e-mail
// address, and adds a warning naming the others, to print and post.
func mailable(plan []letter.Letter, warnings []string) ([]letter.Letter, []string, error) {
	var keep []letter.Letter
	var post []string
	seen := map[string]bool{}
	for _, l := range plan {
		if l.Recipient.Email != "" {
			keep = append(keep, l)
		} else if !seen[l.Recipient.ID] {
			seen[l.Recipient.ID] = true
			post = append(post, l.Recipient.ID)
		}
	}
	if len(keep) == 0 {
		return nil, warnings, usagef("no recipient of these letters has an e-mail address (%s); print them: --format pdf", strings.Join(post, ", "))
	}
	if len(post) > 0 {
		warnings = append(warnings, fmt.Sprintf("no e-mail address for %s: print these and post them (--format pdf --to %s)",
			strings.Join(post, ", "), strings.Join(post, ",")))
	}
	return keep, warnings, nil
}

// printMailto prints one mailto: link per letter, and warns about links
// longer than mail programs take.
func printMailto(e *env, opts *generateOptions, r *render.Renderer, c *casefile.Case, plan []letter.Letter, bo batch.Options, warnings []string) error {
	var buf bytes.Buffer
	for _, l := range plan {
		d, err := r.Letter(batch.Input(c, l, bo))
		if err != nil {
			return err
		}
		link := email.Mailto(l.Recipient.Email, d.Subject, render.MailText(d))
		fmt.Fprintln(&buf, link)
		if n := len(link); n > email.MailtoLimit {
			warnings = append(warnings, fmt.Sprintf("the link to %s is %d characters; some mail programs cut links over %d: use --format eml for this one",
				l.Recipient.ID, n, email.MailtoLimit))
		}
	}
	if _, err := e.Out.Write(buf.Bytes()); err != nil {
		return err
	}
	printWarnings(e, opts, warnings...)
	return nil
}

// letterNoun counts n letters, or e-mail drafts.
func letterNoun(bo batch.Options, n int) string {
	if bo.Mail {
		return plural(n, "e-mail draft", "e-mail drafts")
	}
	return plural(n, "letter", "letters")
}
