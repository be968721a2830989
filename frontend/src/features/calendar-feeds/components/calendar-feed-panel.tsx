import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, SectionTitle } from "@/components/ui/card";
import { EmptyState, QueryState } from "@/components/ui/states";
import { problemMessage } from "@/utils/problem";
import {
  feedUrl,
  useCalendarFeeds,
  useCreateCalendarFeed,
  useRevokeCalendarFeed,
  type CalendarFeed,
} from "../api/calendar-feeds";

const when = (iso: string) => new Date(iso).toLocaleString();

/** The URL of a feed just created: shown once, with a copy button. */
function NewFeedUrl({ url, onDone }: { url: string; onDone: () => void }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  }
  return (
    <Alert tone="warning" className="space-y-3">
      <p className="font-medium">Your new feed URL — copy it now. It will not be shown again.</p>
      <p>
        Anyone who has this URL can see what the feed shows. Add it to your calendar app as a subscription ("From URL"),
        and revoke it here if it is ever shared by mistake.
      </p>
      <label className="block">
        <span className="sr-only">Feed URL</span>
        <input
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs text-slate-900"
          aria-label="Feed URL"
        />
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <Button size="sm" onClick={() => void copy()}>
          Copy URL
        </Button>
        <Button size="sm" variant="secondary" onClick={onDone}>
          I have copied it
        </Button>
        <span role="status" className="text-sm">
          {copied === "yes" ? "Copied." : copied === "failed" ? "Copying failed: select the URL and copy it by hand." : ""}
        </span>
      </div>
    </Alert>
  );
}

function FeedRow({ feed }: { feed: CalendarFeed }) {
  const revoke = useRevokeCalendarFeed();
  const revoked = feed.revoked_at != null;
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-slate-200 px-3 py-2">
      <div className={revoked ? "text-slate-500" : "text-slate-900"}>
        <p className="font-medium">
          Feed created {when(feed.created_at)} {revoked && <span>(revoked {when(feed.revoked_at!)})</span>}
        </p>
        <p className="text-sm">
          {feed.include_patient_names ? "Shows patients' names." : "Shows “Appointment” instead of names."}{" "}
          {feed.last_used_at ? `Last fetched ${when(feed.last_used_at)}.` : "Not fetched yet."}
        </p>
        {revoke.error != null && (
          <p role="alert" className="text-sm text-red-800">
            It could not be revoked: {problemMessage(revoke.error)}
          </p>
        )}
      </div>
      {!revoked && (
        <Button
          variant="danger"
          size="sm"
          busy={revoke.isPending}
          onClick={() => revoke.mutate({ params: { path: { id: feed.id } } })}
          aria-label={`Revoke the feed created ${when(feed.created_at)}`}
        >
          Revoke
        </Button>
      )}
    </li>
  );
}

/** A doctor's calendar feeds: create one (its URL shown once), see them, revoke them. */
export function CalendarFeedPanel() {
  const feeds = useCalendarFeeds();
  const create = useCreateCalendarFeed();
  const [includeNames, setIncludeNames] = useState(false);
  const [createdUrl, setCreatedUrl] = useState<string | null>(null);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    create.mutate(
      { body: { include_patient_names: includeNames } },
      { onSuccess: (created) => setCreatedUrl(feedUrl(created.path)) },
    );
  }

  return (
    <div className="space-y-6">
      <Card aria-labelledby="new-feed-title">
        <SectionTitle id="new-feed-title">New feed URL</SectionTitle>
        <form onSubmit={submit} className="space-y-3">
          <label className="flex items-start gap-2">
            <input
              type="checkbox"
              className="mt-1 size-4"
              checked={includeNames}
              onChange={(e) => setIncludeNames(e.target.checked)}
            />
            <span>
              Show patients' names in my calendar
              <span className="block text-sm text-slate-600">
                Off by default: events read “Appointment”. Your calendar provider, and anyone who gets the URL, would see the names.
              </span>
            </span>
          </label>
          <Button type="submit" busy={create.isPending}>
            Create feed URL
          </Button>
          {create.error != null && <Alert tone="error">The feed could not be created: {problemMessage(create.error)}</Alert>}
        </form>
        {createdUrl && (
          <div className="mt-4">
            <NewFeedUrl url={createdUrl} onDone={() => setCreatedUrl(null)} />
          </div>
        )}
      </Card>
      <Card aria-labelledby="feeds-title">
        <SectionTitle id="feeds-title">Your feeds</SectionTitle>
        <QueryState
          query={feeds}
          isEmpty={(data) => data.length === 0}
          empty={<EmptyState title="No feeds yet.">Create one to see your appointments in your own calendar app.</EmptyState>}
        >
          {(data) => (
            <ul className="space-y-2">
              {data.map((feed) => (
                <FeedRow key={feed.id} feed={feed} />
              ))}
            </ul>
          )}
        </QueryState>
      </Card>
    </div>
  );
}
