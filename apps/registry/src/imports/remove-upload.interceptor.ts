import { rm } from 'node:fs/promises';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { catchError, concatMap, type Observable } from 'rxjs';

/**
 * Removes the uploaded temporary file before the answer goes out, whatever the answer: also when
 * the import refused the file. Listed after the file interceptor, so it runs once the upload is on disk.
 */
@Injectable()
export class RemoveUploadedFile implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<{ file?: { path?: string } }>();
    const remove = async () => {
      if (request.file?.path) await rm(request.file.path, { force: true });
    };
    return next.handle().pipe(
      concatMap(async (answer: unknown) => {
        await remove();
        return answer;
      }),
      catchError(async (error: unknown) => {
        await remove();
        throw error;
      }),
    );
  }
}
