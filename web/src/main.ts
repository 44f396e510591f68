//! The page's entry: styles and the app.
import './style.css';
import { start } from './ui/app';

void start(document.getElementById('app') as HTMLElement);
