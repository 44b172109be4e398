import type { Editor } from '@tiptap/react';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { CommentAnchor, CommentThreadView } from '../../../shared/api.ts';
import { can } from '../../../shared/permissions.ts';
import type { Role } from '../../../shared/roles.ts';
import { ApiError } from '../api/client.ts';
import { endpoints } from '../api/endpoints.ts';
import { selectionAnchor } from './anchors.ts';
import { setCommentAnchors } from './commentAnchors.ts';

/**
 * The bridge between the section's editor and what sits beside it (the comments panel, the position
 * form): the panel and the form live outside the editor, but must read its selection and point into it.
 * SectionEditor registers its editor here; without a provider (a report's text) there are no comments.
 */

/** Others comment too: look again now and then (and after each action). */
const REFRESH_MS = 15_000;

export interface Comments {
  sectionId: string;
  editor: Editor | null;
  setEditor(editor: Editor | null): void;
  /** Null until loaded; empty (and `hidden`) for those who may not read the deliberation. */
  threads: CommentThreadView[] | null;
  hidden: boolean;
  canComment: boolean;
  loadError: unknown;
  reload(): Promise<void>;
  activeId: string | null;
  activate(threadId: string | null): void;
  /** The passage a new comment is being written about (the form in the panel), or null. */
  draft: CommentAnchor | null;
  setDraft(anchor: CommentAnchor | null): void;
  /** The anchor of the editor's current selection, or null when nothing is selected. */
  anchorFromSelection(): CommentAnchor | null;
}

const CommentsContext = createContext<Comments | null>(null);

export const useComments = () => useContext(CommentsContext);

interface ProviderProps {
  sectionId: string;
  /** The viewer's role at the section's table: who may not read the deliberation is not even asked. */
  role: Role | undefined;
  children: ReactNode;
}

export function CommentsProvider({ sectionId, role, children }: ProviderProps) {
  // Asking anyway would cost a 403 (and a console error) on every visit and every refresh.
  const readable = role !== undefined && can(role, 'consensus.readDeliberation');
  const [editor, setEditor] = useState<Editor | null>(null);
  const [threads, setThreads] = useState<CommentThreadView[] | null>(null);
  const [hidden, setHidden] = useState(false);
  const [canComment, setCanComment] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [draft, setDraft] = useState<CommentAnchor | null>(null);
  const refused = useRef(false);

  const reload = useCallback(async () => {
    try {
      const loaded = await endpoints.comments(sectionId);
      setThreads(loaded.threads);
      setCanComment(loaded.canComment);
      setHidden(false);
      setLoadError(null);
    } catch (cause) {
      // Council members and observers do not read the deliberation: then there is simply nothing here.
      if (cause instanceof ApiError && cause.status === 403) {
        refused.current = true;
        setThreads([]);
        setCanComment(false);
        setHidden(true);
      } else setLoadError(cause);
    }
  }, [sectionId]);

  useEffect(() => {
    refused.current = !readable;
    if (!readable) return;
    void reload();
    const timer = setInterval(() => {
      if (!refused.current) void reload();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload, readable]);

  // The editor highlights the open threads' passages, the active one strongest.
  useEffect(() => {
    if (!editor || editor.isDestroyed || !threads) return;
    const anchored = threads.map((t) => ({ id: t.id, anchor: t.anchor, open: t.resolvedAt === null }));
    editor.view.dispatch(setCommentAnchors(editor.state.tr, { threads: anchored, activeId }));
  }, [editor, threads, activeId]);

  const anchorFromSelection = useCallback(
    () => (editor && !editor.isDestroyed ? selectionAnchor(editor.state) : null),
    [editor],
  );

  const value = useMemo<Comments>(
    () => ({
      sectionId,
      editor,
      setEditor,
      threads,
      hidden: hidden || !readable,
      canComment,
      loadError,
      reload,
      activeId,
      activate: setActiveId,
      draft,
      setDraft,
      anchorFromSelection,
    }),
    [sectionId, editor, threads, hidden, readable, canComment, loadError, reload, activeId, draft, anchorFromSelection],
  );
  return <CommentsContext.Provider value={value}>{children}</CommentsContext.Provider>;
}
