// Imported lazily by the feature loader sample of docs/loading-features.md.
import { Plugin } from 'plugboard';

@Plugin({ id: 'search' })
export class SearchPlugin {}
